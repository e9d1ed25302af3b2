import { AppError } from '../errors';
import type { BastionHost, BastionHostReader } from './bastion-types';

/** A Bastion host as `@azure/arm-network` returns it (ARM `properties` flattened by the SDK). */
export interface ArmBastionHostModel {
  readonly id?: string;
  readonly name?: string;
  readonly sku?: { readonly name?: string };
  readonly dnsName?: string;
  readonly enableTunneling?: boolean;
  readonly enableIpConnect?: boolean;
}

/** The slice of the Azure layer's ArmService the reader needs. */
export interface BastionListing {
  listBastions(subscriptionId: string): Promise<ArmBastionHostModel[]>;
}

const BASTION_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/bastionHosts\/[^/]+$/i;

/** Maps an ARM Bastion model to the facts the tunnel needs; absent switches read as off, as the Azure CLI does. */
export function toBastionHost(model: ArmBastionHostModel, tenantId?: string): BastionHost {
  return {
    id: model.id ?? '',
    name: model.name ?? model.id?.split('/').pop() ?? 'Bastion',
    sku: model.sku?.name ?? 'Basic',
    dnsName: model.dnsName ?? '',
    enableTunneling: model.enableTunneling === true,
    enableIpConnect: model.enableIpConnect === true,
    ...(tenantId ? { tenantId } : {}),
  };
}

/**
 * Reads Bastion hosts through the Azure layer (its SDK clients carry the proxy, trust store and
 * retries). `tenantOf` names the tenant of a subscription when the console knows it; otherwise the
 * credential's current tenant is used.
 */
export function armBastionHostReader(arm: BastionListing, tenantOf: (subscriptionId: string) => string | undefined = () => undefined): BastionHostReader {
  return {
    async getBastionHost(bastionId) {
      const match = BASTION_ID.exec(bastionId);
      if (!match) throw new AppError('bastion.invalid_target', 'That is not the resource ID of an Azure Bastion host.');
      const subscriptionId = match[1]!;
      const found = (await arm.listBastions(subscriptionId)).find((b) => b.id?.toLowerCase() === bastionId.toLowerCase());
      if (!found) throw new AppError('bastion.host_not_found', `Bastion ${bastionId.split('/').pop()} was not found, or you cannot read it (you need Reader on the Bastion).`, { params: { bastion: bastionId.split('/').pop() ?? bastionId } });
      return toBastionHost(found, tenantOf(subscriptionId));
    },
  };
}
