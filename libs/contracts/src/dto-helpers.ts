import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query strings arrive as text: `"50"` becomes 50, anything else is left for the validators to refuse. */
export const ToInt = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );

/** An optional page size (`limit`) in 1..max, from a query string or JSON. */
export const PageLimit =
  (max = 100): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key);
    ToInt()(target, key);
    IsInt()(target, key);
    Min(1)(target, key);
    Max(max)(target, key);
  };
