/** Public face of the PIM feature ("My access", the offer under a 403). */
export { MyAccessPanel } from './my-access-panel';
export { ForbiddenOffer } from './forbidden-offer';
export { TerminalForbiddenOffer } from './terminal-forbidden-offer';
export { BastionAccessOffer, BASTION_FORBIDDEN } from './bastion-access-offer';
export { leastRoleFor, offersFor, parseForbidden } from './pim-model';
