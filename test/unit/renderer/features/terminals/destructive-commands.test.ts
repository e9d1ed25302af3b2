import { describe, expect, it } from 'vitest';
import { findDestructiveCommands, isProductionTagged } from '../../../../../src-renderer/features/terminals/destructive-commands';

const verbs = (text: string) => findDestructiveCommands(text).map((c) => `${c.tool} ${c.verb}`);

describe('destructive kubectl/helm detection', () => {
  it.each([
    ['kubectl delete pod web-1', 'kubectl delete'],
    ['kubectl -n prod --context=aks-prod drain node-1 --ignore-daemonsets', 'kubectl drain'],
    ['kubectl --namespace prod scale deploy/web --replicas=0', 'kubectl scale'],
    ['/usr/local/bin/kubectl rollout undo deploy/web', 'kubectl rollout undo'],
    ['sudo kubectl apply -f x.yaml --prune -l app=web', 'kubectl apply --prune/--force'],
    ['k delete svc web', 'kubectl delete'],
    ['helm uninstall web -n prod', 'helm uninstall'],
    ['helm --kube-context prod rollback web 3', 'helm rollback'],
    ["'kubectl' delete ns x", 'kubectl delete'],
  ])('finds %s', (text, expected) => {
    expect(verbs(text)).toEqual([expected]);
  });

  it.each(['kubectl get pods', 'kubectl -n delete get pods', 'kubectl apply -f x.yaml', 'kubectl rollout status deploy/web', 'helm list -A', 'echo kubectl', 'grep delete file'])(
    'leaves %s alone',
    (text) => {
      expect(verbs(text)).toEqual([]);
    },
  );

  it('finds every command in a chained or multi-line paste', () => {
    expect(verbs('kubectl get ns && kubectl delete ns a; helm del b\nkubectl cordon n1 | tee log')).toEqual([
      'kubectl delete',
      'helm del',
      'kubectl cordon',
    ]);
  });

  it('recognises production tags in their common spellings only', () => {
    expect(isProductionTagged({ environment: 'Production' })).toBe(true);
    expect(isProductionTagged({ Env: 'prod' })).toBe(true);
    expect(isProductionTagged({ env: 'prd ' })).toBe(true);
    expect(isProductionTagged({ env: 'dev' })).toBe(false);
    expect(isProductionTagged({ owner: 'production-team' })).toBe(false);
    expect(isProductionTagged(undefined)).toBe(false);
  });
});
