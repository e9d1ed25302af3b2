/**
 * Shared accessibility primitives for every feature: one pair of live regions and `announce`,
 * focus moves that never drop to the page body, the focus safety net, and F6 between regions.
 * The modal dialog is `ui/modal-dialog.tsx` (it returns focus to where it was opened).
 */
export { announce, onDidAnnounce, type Politeness } from './announcer';
export { LiveRegions } from './live-regions';
export { useAnnounceChange } from './use-announce';
export { AREA_HEADING_SELECTOR, canFocus, firstFocusable, focusIsLost, focusSoon, rememberFocus, type FocusTarget } from './focus';
export { installFocusRescue } from './focus-rescue';
export { cycleRegion, installRegionKeys, REGIONS } from './regions';
