import { z } from 'zod';

/**
 * The kinds of hop an access path crosses on the data-flow diagram. Checks declare the hops they
 * prove (in main) and flows declare the hops they cross (in the renderer), both from this one list.
 */
export const HopKind = z.enum([
  'paw',
  'internet',
  'authorized-ips',
  'portal',
  'cloud-shell',
  'bastion',
  'jit',
  'customer-edge',
  'vpn-gateway',
  'msee',
  'er-gateway',
  'public-ip-nsg',
  'jumpbox',
  'avd',
  'aci',
  'dns',
  'peering',
  'private-endpoint',
  'arm',
  'command-pod',
  'api-server',
]);

/**
 * The hops a check proves, most specific first: the diagram puts the check on the first of them
 * that the path's flow crosses (an NSG check sits on the public-IP hop where there is one, else on
 * the jump box).
 */
export const CheckHops = z.array(HopKind).min(1);
