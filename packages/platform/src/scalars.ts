import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { isCivilDate, toVnd, VndError } from '@khg/domain';

/** Civil date "YYYY-MM-DD" (no time zone). */
export const DateScalar = new GraphQLScalarType({
  ...GraphQLLocalDate.toConfig(),
  name: 'Date',
  description: 'A civil date, "YYYY-MM-DD" (ngày), with no time zone.',
  serialize(value: unknown) {
    if (typeof value === 'string' && isCivilDate(value)) return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue(value: unknown) {
    if (typeof value === 'string' && isCivilDate(value)) return value;
    throw new GraphQLError(`${JSON.stringify(value)} is not a date: write it as YYYY-MM-DD, e.g. "2018-12-31"`, { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind === Kind.STRING && isCivilDate(ast.value)) return ast.value;
    throw new GraphQLError('Not a date: write it as "YYYY-MM-DD", e.g. "2018-12-31"', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});

/** An instant, ISO 8601 with offset. */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTime.toConfig(),
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset (thời điểm).',
});

function vndOrError(value: unknown): bigint {
  try {
    return toVnd(value);
  } catch (e) {
    if (e instanceof VndError) throw new GraphQLError(`Vnd: ${e.message}`, { extensions: { code: 'BAD_USER_INPUT' } });
    throw e;
  }
}

/**
 * Whole Vietnamese dong (đồng). Output is a JSON integer (exact up to 2^53-1); input may be an
 * integer or a string of digits. Fractions are refused, never rounded.
 */
export const VndScalar = new GraphQLScalarType<bigint, number>({
  name: 'Vnd',
  description: 'Whole Vietnamese dong (đồng): an integer up to 2^53-1, never a float. Input may also be a string of digits.',
  serialize(value: unknown) {
    return Number(vndOrError(value));
  },
  parseValue(value: unknown) {
    return vndOrError(value);
  },
  parseLiteral(ast: ValueNode) {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return vndOrError(ast.kind === Kind.INT ? ast.value : ast.value);
    if (ast.kind === Kind.FLOAT) throw new GraphQLError(`Vnd: ${ast.value} is not a whole number of dong`, { extensions: { code: 'BAD_USER_INPUT' } });
    throw new GraphQLError('Vnd: expected a whole number of dong', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
