import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { assertStorable } from './validation.js';

/**
 * Applied to every handler's path parameters, query and body (a global pipe): a string that
 * PostgreSQL cannot store is a 422 with a pointer wherever it arrives, also on routes whose
 * schema does not say so. Guards run first, so an unauthenticated request still gets its 401.
 */
@Injectable()
export class StorableInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param') assertStorable('path', value, metadata.data);
    else if (metadata.type === 'query') assertStorable('query', value, metadata.data);
    else if (metadata.type === 'body') assertStorable('body', value, metadata.data);
    return value;
  }
}
