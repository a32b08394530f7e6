import { v7 as uuidv7 } from 'uuid';
import { makeId, typeOfId, type IdType } from '@khg/domain';
import { badInput } from './errors';

/** A new id: time-ordered (UUIDv7) so indexes stay compact and ids sort by creation. */
export function newId(type: IdType): string {
  return makeId(type, uuidv7());
}

/** Refuses an argument that is not an id of the expected type, naming the argument. */
export function requireId(type: IdType, id: string, argument: string): string {
  if (typeOfId(id) !== type) throw badInput(`${argument} "${id}" is not a ${type} id`, { argument });
  return id;
}
