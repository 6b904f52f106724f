/** Environment keys whose values are secrets by their name. */
export const SENSITIVE_KEY_PATTERN = /PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL/i;

/** What sensitive values print as, in every rendering. */
export const SENSITIVE_MASK = "(sensitive)";

export const isSensitiveKey = (key: string): boolean => SENSITIVE_KEY_PATTERN.test(key);
