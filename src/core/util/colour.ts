// Colour arithmetic for label tints: `#rrggbb` strings as entities.yaml writes them.

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
/** Variant k: the colour itself, darker, lighter, much darker (mixed toward black or white). */
const VARIANT_MIX = [0, -0.4, 0.45, -0.65];

/**
 * Author variant `variant` of a label colour (the review layers tell authors apart by it).
 * Variants past the fourth, and colours not written `#rrggbb`, give the colour unchanged.
 */
export function colourVariant(colour: string, variant: number): string {
  const mix = VARIANT_MIX[variant] ?? 0;
  if (mix === 0 || !HEX_COLOUR.test(colour)) return colour;
  const channel = (i: number) => {
    const value = parseInt(colour.slice(1 + 2 * i, 3 + 2 * i), 16);
    const target = mix < 0 ? 0 : 255;
    return Math.round(value + (target - value) * Math.abs(mix)).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** `#rrggbb` plus an alpha byte; alpha is clamped to [0, 1]. */
export function withAlpha(colour: string, alpha: number): string {
  return `${colour}${Math.round(Math.max(0, Math.min(1, alpha)) * 255).toString(16).padStart(2, '0')}`;
}
