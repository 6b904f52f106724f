import type { DesiredService, DesiredStack, LifecycleHook } from "./model/desired-stack.js";
import { SENSITIVE_MASK } from "./sensitive.js";

function redactHook(hook: LifecycleHook): LifecycleHook {
  const sensitive = new Set(hook.sensitiveKeys);
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(hook.environment))
    environment[key] = sensitive.has(key) ? SENSITIVE_MASK : value;
  return { ...hook, environment };
}

function redactService(service: DesiredService): DesiredService {
  const sensitive = new Set(service.sensitiveKeys);
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.environment)) {
    environment[key] = sensitive.has(key) ? SENSITIVE_MASK : value;
  }
  const redacted: DesiredService = { ...service, environment };
  if (service.hooks)
    redacted.hooks = {
      postStart: service.hooks.postStart.map(redactHook),
      preStop: service.hooks.preStop.map(redactHook),
    };
  if (service.injectedFiles)
    redacted.injectedFiles = service.injectedFiles.map((file) =>
      file.sensitive ? { ...file, content: SENSITIVE_MASK } : file,
    );
  if (service.build) {
    const args: Record<string, string> = {};
    for (const [key, value] of Object.entries(service.build.args)) {
      args[key] = sensitive.has(key) ? SENSITIVE_MASK : value;
    }
    redacted.build = { ...service.build, args };
  }
  return redacted;
}

/** A copy of the stack with sensitive environment values, build args and secret values shown as `(sensitive)`. */
export function redactStack(stack: DesiredStack): DesiredStack {
  const services: Record<string, DesiredService> = {};
  for (const [name, service] of Object.entries(stack.services)) services[name] = redactService(service);
  const secrets = Object.fromEntries(
    Object.entries(stack.secrets).map(([key, secret]) => [
      key,
      secret.value === undefined ? secret : { ...secret, value: SENSITIVE_MASK },
    ]),
  );
  return { ...stack, services, secrets };
}
