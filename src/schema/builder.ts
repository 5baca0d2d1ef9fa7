/** The Pothos schema builder every type file registers itself with. */
import SchemaBuilder from '@pothos/core';
import type { Context } from '../context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
}>({ defaultFieldNullability: false });
