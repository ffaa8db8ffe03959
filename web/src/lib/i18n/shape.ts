// The shape every feature's texts follow: German first, English typed by it.
export type Texts<T> = { de: T; en: T };

export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Declares a namespace: `en` must have exactly the keys of `de`. */
export function texts<T extends object>(de: T, en: Widen<T>): Texts<Widen<T>> {
  return { de: de as Widen<T>, en };
}
