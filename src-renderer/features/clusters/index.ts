/** Public face of the clusters feature. */
export { ClustersScreen } from './clusters-screen';
