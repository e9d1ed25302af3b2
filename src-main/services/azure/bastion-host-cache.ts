import type { BastionHost } from '@azure/arm-network';

/** The slice of ArmService the cache reads. */
export interface BastionLister {
  listBastions(subscriptionId: string): Promise<BastionHost[]>;
}

/**
 * The Bastion hosts of each subscription, read from ARM once and kept with the inventory: a connect
 * reads them from here, and a fresh inventory (the operator's refresh) or a tenant change drops
 * them. A failed read is not kept, so the next connect asks ARM again.
 */
export class BastionHostCache implements BastionLister {
  private readonly bySubscription = new Map<string, Promise<BastionHost[]>>();

  /** Creates the cache over ARM's listing. */
  constructor(private readonly arm: BastionLister) {}

  /** The subscription's Bastion hosts, from the cache when it has them. */
  listBastions(subscriptionId: string): Promise<BastionHost[]> {
    const key = subscriptionId.toLowerCase();
    let hosts = this.bySubscription.get(key);
    if (!hosts) {
      hosts = this.arm.listBastions(subscriptionId);
      this.bySubscription.set(key, hosts);
      hosts.catch(() => {
        if (this.bySubscription.get(key) === hosts) this.bySubscription.delete(key);
      });
    }
    return hosts;
  }

  /** Forgets every subscription's hosts. */
  clear(): void {
    this.bySubscription.clear();
  }
}
