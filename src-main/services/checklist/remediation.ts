import { parseResourceId } from '../azure-model';
import type { Fix } from './check';
import { toCheckText, type Said } from './check-text';

/** A portal deep link to a resource blade (`#resource/<id>/<blade>`). */
export function portalLink(portal: string, resourceId: string | null | undefined, blade = 'overview'): string | null {
  if (!resourceId) return null;
  return `${portal.replace(/\/+$/, '')}/#resource${resourceId}/${blade}`;
}

/** Quotes a value for a POSIX shell when it holds anything but safe characters. */
export function sh(value: string): string {
  return /^[A-Za-z0-9_./:@=,+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `--resource-group X --name Y` (and `--subscription`) for a resource id. */
export function azTarget(resourceId: string, nameFlag = '--name'): string {
  const id = parseResourceId(resourceId);
  if (!id?.resourceGroup) return `--ids ${sh(resourceId)}`;
  return `--subscription ${sh(id.subscriptionId)} --resource-group ${sh(id.resourceGroup)} ${nameFlag} ${sh(id.name)}`;
}

/** Builds a remediation; plain-string steps become the typed `untranslated` fallback. */
export function fix(steps: Said[], az: string | null, portal: string | null): Fix {
  return { steps: steps.map(toCheckText), az, portal };
}
