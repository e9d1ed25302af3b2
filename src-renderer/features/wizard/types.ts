/** Types the wizard reads from the contract (type-only, so no schema reaches the bundle). */
import type { InvokeResponse } from '../../../src-main/ipc/contract';

/** The chooser's answer for one cluster. */
export type PathRankingValue = InvokeResponse<'azure.paths'>;
/** One ranked path. */
export type RankedPathValue = PathRankingValue['paths'][number];
/** A path id of the contract. */
export type PathIdValue = RankedPathValue['id'];
/** The topology around one cluster. */
export type TopologyValue = InvokeResponse<'azure.topology'>;
/** One cluster summary. */
export type ClusterValue = TopologyValue['cluster'];
/** One check result. */
export type CheckResultValue = InvokeResponse<'checklist.get'>['results'][number];
/** One check's status. */
export type CheckStatusValue = CheckResultValue['status'];
