/**
 * Whether an image built for `actual` (`os/arch[/variant]`, from its inspect) is what `wanted`
 * asks for: the variant counts only when `wanted` names one, since images often leave it out.
 */
export function platformMatches(wanted: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const [os, arch, variant] = wanted.split("/");
  const [liveOs, liveArch, liveVariant] = actual.split("/");
  return os === liveOs && arch === liveArch && (variant === undefined || variant === liveVariant);
}

/** `linux/amd64`, `linux/arm/v7`: how an image inspect's `Os`, `Architecture` and `Variant` read. */
export function imagePlatform(image: {
  Os?: string;
  Architecture?: string;
  Variant?: string;
}): string | undefined {
  if (!image.Os || !image.Architecture) return undefined;
  return [image.Os, image.Architecture, ...(image.Variant ? [image.Variant] : [])].join("/");
}
