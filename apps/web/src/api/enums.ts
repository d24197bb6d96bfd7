// Every value of one of the contract's lists (an enum of docs/openapi.json, as the generated types give it),
// in the order a screen offers them. A value the contract adds and the screen lacks fails tsc, so a select
// never silently misses a state, a type or a category the API accepts.

type Missing<T, A extends readonly unknown[]> = Exclude<T, A[number]>;

/**
 * `allOf<CaseState>()(['filed', ...])`: the list as given, refused by tsc with `{ missing: 'x' }` when a
 * value of `T` is not in it (and, by its type, when it holds a value that is not one of `T`).
 */
export function allOf<T extends string>() {
  return <const A extends readonly T[]>(
    values: A & ([Missing<T, A>] extends [never] ? unknown : { missing: Missing<T, A> }),
  ): readonly T[] => values;
}
