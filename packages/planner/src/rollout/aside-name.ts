/**
 * During a rolling update the old container waits under this name (stopped, off the networks)
 * until the whole rollout has passed, so a rollback only has to rename it back and start it.
 */
export const ASIDE_NAME_SUFFIX = "--stackform-old";

export const asideName = (finalName: string): string => `${finalName}${ASIDE_NAME_SUFFIX}`;

export const isAsideName = (name: string): boolean => name.endsWith(ASIDE_NAME_SUFFIX);

export const finalNameOfAside = (aside: string): string => aside.slice(0, -ASIDE_NAME_SUFFIX.length);
