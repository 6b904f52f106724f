import type { DesiredService, DesiredStack } from "./model/desired-stack.js";
import { SENSITIVE_MASK } from "./sensitive.js";

function redactService(service: DesiredService): DesiredService {
  const sensitive = new Set(service.sensitiveKeys);
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.environment)) {
    environment[key] = sensitive.has(key) ? SENSITIVE_MASK : value;
  }
  const redacted: DesiredService = { ...service, environment };
  if (service.build) {
    const args: Record<string, string> = {};
    for (const [key, value] of Object.entries(service.build.args)) {
      args[key] = sensitive.has(key) ? SENSITIVE_MASK : value;
    }
    redacted.build = { ...service.build, args };
  }
  return redacted;
}

/** A copy of the stack with sensitive environment values and build args shown as `(sensitive)`. */
export function redactStack(stack: DesiredStack): DesiredStack {
  const services: Record<string, DesiredService> = {};
  for (const [name, service] of Object.entries(stack.services)) services[name] = redactService(service);
  return { ...stack, services };
}
