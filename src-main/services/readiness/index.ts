/** The workstation (PAW) readiness check. */
export { ReadinessService, type ReadinessDeps, type ReadinessEndpoint, type ReadinessNet } from './readiness-service';
export { classifyEndpointFailure, safeDetail, type EndpointFailure } from './endpoint-failure';
export { readinessEndpoints } from './readiness-endpoints';
