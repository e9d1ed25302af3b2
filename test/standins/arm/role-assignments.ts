/**
 * Azure role assignments in the ARM stand-in's world, served as
 * `GET {scope}/providers/Microsoft.Authorization/roleAssignments` in the shape of
 * `RoleAssignments_ListForScope`, and read by the API server stand-in on Azure-RBAC clusters, so a
 * test that grants a role mid-run changes both what ARM lists and what kubectl may do.
 */
import { randomUUID } from 'node:crypto';
import { aksRoleAssignment, type AksRoleName, type RoleAssignment } from '../apiserver';
import { fixtureBody } from './fixtures';
import type { World } from './world';

type Json = Record<string, unknown>;

/** A role assignment row as ARM lists it. */
export function roleAssignmentRow(assignment: RoleAssignment, principalType = 'User'): Json {
  const template = fixtureBody<{ value: Json[] }>('authorization/RoleAssignments_ListForScope').value[0]!;
  const name = randomUUID();
  return {
    ...template,
    id: `${assignment.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    properties: { ...(template.properties as Json), roleDefinitionId: assignment.roleDefinitionId, principalId: assignment.principalId, principalType, scope: assignment.scope },
  };
}

/** Grants an AKS built-in role (at the cluster by default, or a namespace of it: `<cluster id>/namespaces/<ns>`). */
export function grantAksRole(world: World, principalId: string, role: AksRoleName, scope = world.meta.clusterId): Json {
  const row = roleAssignmentRow(aksRoleAssignment(principalId, role, scope));
  world.roleAssignments.push(row);
  return row;
}

/** The world's assignments as the API server stand-in reads them. */
export function assignmentsOf(world: World): RoleAssignment[] {
  return world.roleAssignments.map((row) => {
    const p = row.properties as Json;
    return { principalId: String(p.principalId), roleDefinitionId: String(p.roleDefinitionId), scope: String(p.scope) };
  });
}

const isAtOrAbove = (assignmentScope: string, scope: string) => scope === assignmentScope || scope.startsWith(`${assignmentScope}/`);

/**
 * The list for `scope`: assignments at, above and below it; `$filter=atScope()` keeps at and
 * above; `principalId eq '<id>'` and `assignedTo('<id>')` keep one principal's (and, for
 * assignedTo, the groups `groupsOf` says it is in).
 */
export function listRoleAssignments(world: World, scope: string, filter: string | null, groupsOf: (principalId: string) => readonly string[] = () => []): Json[] {
  const at = scope.toLowerCase().replace(/\/$/, '');
  const principal = filter ? /(?:principalId eq|assignedTo\()\s*'([^']+)'/i.exec(filter)?.[1] : undefined;
  const principals = new Set(principal ? [principal, ...(/assignedTo/i.test(filter!) ? groupsOf(principal) : [])] : []);
  return world.roleAssignments.filter((row) => {
    const s = String((row.properties as Json).scope).toLowerCase();
    const related = /atScope\(\)/i.test(filter ?? '') ? isAtOrAbove(s, at) : isAtOrAbove(s, at) || isAtOrAbove(at, s);
    return related && (!principal || principals.has(String((row.properties as Json).principalId)));
  });
}
