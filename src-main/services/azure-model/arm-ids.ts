/** The parts of an ARM resource id that the Azure layer navigates by. */
export interface ParsedResourceId {
  readonly id: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string | null;
  readonly provider: string | null;
  /** Resource type segments after the provider, e.g. `virtualNetworks/subnets`. */
  readonly types: readonly string[];
  /** Names matching `types`, e.g. `vnet-hub`, `snet-jump`. */
  readonly names: readonly string[];
  readonly name: string;
}

/** Parses `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{type}/{name}…]`; null when it is not one. */
export function parseResourceId(id: string | null | undefined): ParsedResourceId | null {
  if (!id) return null;
  const parts = id.split('/').filter((p) => p.length > 0);
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'subscriptions') return null;
  const subscriptionId = parts[1]!;
  let i = 2;
  let resourceGroup: string | null = null;
  if (parts[i]?.toLowerCase() === 'resourcegroups' && parts[i + 1]) {
    resourceGroup = parts[i + 1]!;
    i += 2;
  }
  let provider: string | null = null;
  const types: string[] = [];
  const names: string[] = [];
  if (parts[i]?.toLowerCase() === 'providers' && parts[i + 1]) {
    provider = parts[i + 1]!;
    i += 2;
    while (i + 1 < parts.length) {
      types.push(parts[i]!);
      names.push(parts[i + 1]!);
      i += 2;
    }
  }
  const name = names.at(-1) ?? resourceGroup ?? subscriptionId;
  return { id, subscriptionId, resourceGroup, provider, types, names, name };
}

/** Parses an id or throws a plain error naming what was expected. */
export function requireResourceId(id: string | null | undefined, what: string): ParsedResourceId {
  const parsed = parseResourceId(id);
  if (!parsed || !parsed.resourceGroup) throw new Error(`${what} has no usable resource id (${String(id)})`);
  return parsed;
}

/** Case-insensitive id equality (ARM ids are case-insensitive; responses mix `resourceGroups` and `resourcegroups`). */
export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** The VNet id of a subnet id (`…/virtualNetworks/{v}/subnets/{s}` → `…/virtualNetworks/{v}`). */
export function vnetIdOfSubnet(subnetId: string | null | undefined): string | null {
  if (!subnetId) return null;
  const match = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(subnetId);
  return match ? match[1]! : null;
}

/** The last segment of an id, for display. */
export function nameOf(id: string | null | undefined): string {
  if (!id) return '';
  return id.split('/').filter(Boolean).at(-1) ?? id;
}
