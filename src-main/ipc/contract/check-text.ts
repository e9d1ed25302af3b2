import { z } from 'zod';

/**
 * Codes of the checklist's evidence and fix steps that the renderer words in the operator's
 * language (`checklist.codes.<code>`); a test requires English and Japanese text for each.
 */
export const CheckTextCode = z.enum([
  'bastion.fix_deploy',
  'bastion.fix_upgrade',
  'bastion.none_found',
  'bastion.sku_no_native_client',
  'bastion.state_tunneling_off_ip_connect_off',
  'bastion.state_tunneling_off_ip_connect_on',
  'bastion.state_tunneling_on_ip_connect_off',
  'bastion.state_tunneling_on_ip_connect_on',
  'bastion.tunneling_off',
  'common.no_jump_box',
  'dns.custom_servers_unlinked',
  'dns.fix_forwarder',
  'dns.fix_link',
  'dns.fix_zone_readable',
  'dns.forwarder_in_linked_vnet',
  'dns.link_state',
  'dns.mode_none',
  'dns.no_link',
  'dns.no_source_vnet',
  'dns.no_zone',
  'dns.no_zone_in',
  'dns.public_cluster',
  'dns.vnet_linked',
  'dns.zone_links',
  'dns.zone_no_links',
  'endpoint.endpoint_ip',
  'endpoint.fix_point_record',
  'endpoint.fix_recreate_record',
  'endpoint.no_a_record',
  'endpoint.no_managed_zone',
  'endpoint.private_endpoint',
  'endpoint.public_cluster',
  'endpoint.record_empty',
  'endpoint.record_mismatch',
  'endpoint.record_points',
  'engine.cancelled',
  'engine.failed',
  'engine.timeout',
  'nsg.fix_attach',
  'nsg.fix_custom_deny',
  'nsg.fix_narrow_source',
  'nsg.fix_no_allow_bastion',
  'nsg.fix_no_allow_operator',
  'nsg.fix_no_allow_vpn_pool',
  'nsg.flow_bastion',
  'nsg.flow_operator',
  'nsg.flow_vpn_pool',
  'nsg.nic_allowed',
  'nsg.nic_denied',
  'nsg.no_bastion',
  'nsg.no_bastion_subnet',
  'nsg.none_attached',
  'nsg.note_asg',
  'nsg.source_unknown',
  'nsg.subnet_allowed',
  'nsg.subnet_denied',
  'peering.fix_create',
  'peering.fix_recreate_disconnected',
  'peering.fix_sync',
  'peering.problem.peering-missing',
  'peering.problem.peering-not-connected',
  'peering.problem.peering-out-of-sync',
  'peering.problem.peering-state-unknown',
  'peering.problem.peering-vnet-unknown',
  'peering.public_cluster',
  'peering.vnets_unknown',
  'probe.expected_endpoint',
  'probe.fix_custom_dns',
  'probe.fix_dns_link',
  'probe.fix_route',
  'probe.fix_unhealthy',
  'probe.healthz',
  'probe.no_session',
  'probe.not_resolved',
  'probe.open_terminal_first',
  'probe.public_cluster',
  'probe.resolved',
  'probe.tcp_refused',
  'ssh_key.configured_count',
  'ssh_key.exists',
  'ssh_key.fix_add_key',
  'ssh_key.fix_choose_file',
  'ssh_key.fix_create',
  'ssh_key.fix_permissions',
  'ssh_key.found',
  'ssh_key.missing',
  'ssh_key.none_chosen',
  'ssh_key.not_a_key_file',
  'ssh_key.not_found',
  'ssh_key.permissions_open',
  'ssh_key.public_half_unknown',
]);

/** The code of evidence a check has not coded yet: English only, shown outside English as the labelled original. */
export const UNTRANSLATED = 'untranslated';

/**
 * One sentence of a check's evidence or of a fix: a stable code, main's English wording (logs,
 * export, the fallback) and the values it names — resource names, addresses, ARM values and
 * commands, which every language embeds verbatim.
 */
export const CheckText = z.object({
  code: z.union([CheckTextCode, z.literal(UNTRANSLATED)]),
  text: z.string(),
  params: z.record(z.string(), z.string()),
});

/** A sentence of evidence or a fix as a type. */
export type CheckText = z.output<typeof CheckText>;
/** A translated code as a type. */
export type CheckTextCode = z.output<typeof CheckTextCode>;
