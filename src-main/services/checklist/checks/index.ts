import type { Check } from '../check';
import { bastionSku, expressRouteCircuit, jitPolicy, jumpBoxAvailability, jumpBoxPublicIp, vpnGateway } from './access-checks';
import { authorizedIpRanges, clusterExposure, notAksNode, runCommand } from './cluster-checks';
import { entraIntegration, kubernetesAuthorization, localAccounts } from './identity-checks';
import { gatewayTransit, privateDnsLink, privateDnsRecord, vnetPeering } from './network-checks';
import { nsgSshInbound } from './nsg-check';
import { readerRole } from './reader-role-check';
import { jumpBoxDns, jumpBoxHealthz, jumpBoxTcp } from './probe-checks';
import { sshKeyPlacement } from './ssh-key-check';

/** Every check, in the order the report lists them (cluster → network → access → on the jump box). */
export const ALL_CHECKS: readonly Check[] = [
  clusterExposure,
  authorizedIpRanges,
  runCommand,
  entraIntegration,
  localAccounts,
  kubernetesAuthorization,
  readerRole,
  vpnGateway,
  expressRouteCircuit,
  gatewayTransit,
  vnetPeering,
  privateDnsLink,
  privateDnsRecord,
  bastionSku,
  nsgSshInbound,
  jitPolicy,
  jumpBoxAvailability,
  jumpBoxPublicIp,
  notAksNode,
  sshKeyPlacement,
  jumpBoxDns,
  jumpBoxTcp,
  jumpBoxHealthz,
];
