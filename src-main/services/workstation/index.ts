/** The workstation side of private paths: the route the OS picks to an address and a TCP reachability probe. */
export { parseLinuxRoute, parseWindowsRoute, systemWorkstationProbe, tcpConnects, type WorkstationProbe, type WorkstationRoute } from './route-probe';
