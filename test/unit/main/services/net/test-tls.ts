/** The net tests use the same throwaway loopback CA and certificate as the cloud stand-ins. */
export { makeStandInTls as makeTestTls, type StandInTls as TestTls } from '../../../../standins/entra/standin-tls';
