import type { ComputeManagementClient } from '@azure/arm-compute';
import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { AppError } from '../errors';
import { armCall } from './arm-errors';
import { subject } from './arm-subject';
import type { ParsedResourceId } from '../azure-model';

/** AKS caps command invoke output at 512 KiB; the console keeps at most that much. */
export const COMMAND_OUTPUT_CAP_BYTES = 512 * 1024;

/** What `az aks command invoke` reports, read from the RunCommandResult (a failed command is still a successful LRO). */
export interface AksCommandResult {
  readonly provisioningState: string;
  readonly exitCode: number | null;
  readonly logs: string;
  readonly truncated: boolean;
  readonly reason: string | null;
}

function capUtf8(text: string, cap: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= cap) return { text, truncated: false };
  return { text: bytes.subarray(0, cap).toString('utf8').replace(/\uFFFD$/, ''), truncated: true };
}

/**
 * Starts runCommand and polls commandResults until the command ends; `context` is base64 of a zip of
 * the command's files, or ''; `clusterToken` is the operator's AKS-audience token on managed-Entra
 * clusters (the command then runs as the operator), or ''.
 */
export async function runAksCommand(
  aks: ContainerServiceClient,
  id: ParsedResourceId,
  request: { command: string; context: string; clusterToken: string },
  pollIntervalMs: number,
  signal?: AbortSignal,
): Promise<AksCommandResult> {
  const result = await armCall(subject('command-invoke', id.name), () =>
    aks.managedClusters.runCommand(id.resourceGroup!, id.name, { command: request.command, context: request.context, clusterToken: request.clusterToken }, { updateIntervalInMs: pollIntervalMs, abortSignal: signal }).pollUntilDone(),
  );
  const capped = capUtf8(result.logs ?? '', COMMAND_OUTPUT_CAP_BYTES);
  return {
    provisioningState: result.provisioningState ?? 'unknown',
    exitCode: typeof result.exitCode === 'number' ? result.exitCode : null,
    logs: capped.text,
    truncated: capped.truncated,
    reason: result.reason ?? null,
  };
}

/** Runs `RunShellScript` on a VM and returns the `[stdout]` part of its message. */
export async function runVmShellScript(
  compute: ComputeManagementClient,
  id: ParsedResourceId,
  script: string[],
  pollIntervalMs: number,
  signal?: AbortSignal,
): Promise<string> {
  const result = await armCall(subject('run-command', id.name), () =>
    compute.virtualMachines.runCommand(id.resourceGroup!, id.name, { commandId: 'RunShellScript', script }, { updateIntervalInMs: pollIntervalMs, abortSignal: signal }).pollUntilDone(),
  );
  const statuses = result.value ?? [];
  const stdout = statuses.find((s) => /StdOut/i.test(s.code ?? '')) ?? statuses[0];
  if (!stdout?.message) throw new AppError('azure.run_command_empty', `VM ${id.name} returned no output from Run Command.`, { params: { vm: id.name } });
  const message = stdout.message;
  const marked = /\[stdout\]\r?\n([\s\S]*?)(\r?\n\[stderr\][\s\S]*)?$/.exec(message);
  return capUtf8(marked ? marked[1]! : message, COMMAND_OUTPUT_CAP_BYTES).text;
}
