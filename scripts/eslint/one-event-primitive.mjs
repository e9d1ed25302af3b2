// ESLint rule `one-event-primitive/no-hand-rolled-events`: events are the one `Emitter` of
// src-main/services/events/emitter.ts, exposed as `onDidX(listener) => Disposable`. It flags what
// the code base had instead: a Set of listener functions (`new Set<(x) => void>()`, or of a type
// named …Listener) and Node's EventEmitter (imported from 'events' / 'node:events').

const LISTENER_TYPE = /Listener$/;

/** True for a type argument that is a function type or a type named like a listener. */
function isListenerType(type) {
  if (!type) return false;
  if (type.type === 'TSFunctionType') return true;
  if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier') return LISTENER_TYPE.test(type.typeName.name);
  return false;
}

const noHandRolledEvents = {
  meta: {
    type: 'problem',
    docs: { description: 'Events use the one Emitter (onDidX(listener) => Disposable), not listener sets or EventEmitter.' },
    schema: [],
    messages: {
      listenerSet: 'A hand-rolled listener set: keep an Emitter (services/events) private and expose its `event` as onDidX.',
      eventEmitter: "Node's EventEmitter as an event API: use the Emitter of services/events and expose onDidX(listener) => Disposable.",
    },
  },
  create(context) {
    return {
      NewExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'Set') return;
        const args = node.typeArguments ?? node.typeParameters;
        if (isListenerType(args?.params?.[0])) context.report({ node, messageId: 'listenerSet' });
      },
      ImportDeclaration(node) {
        if (node.source.value !== 'events' && node.source.value !== 'node:events') return;
        for (const spec of node.specifiers) {
          const imported = spec.type === 'ImportSpecifier' ? spec.imported.name : 'default';
          if (imported === 'EventEmitter' || imported === 'default') context.report({ node: spec, messageId: 'eventEmitter' });
        }
      },
    };
  },
};

/** The plugin: `one-event-primitive/no-hand-rolled-events`. */
export default { meta: { name: 'one-event-primitive' }, rules: { 'no-hand-rolled-events': noHandRolledEvents } };
