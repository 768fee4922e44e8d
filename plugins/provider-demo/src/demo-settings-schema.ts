import { z } from 'zod';

/** Settings of a `type: demo` provider. None are needed; `embedding_dimensions` sets the default vector length. */
export const demoSettingsSchema = z.strictObject({
  embedding_dimensions: z.number().int().positive().max(4096).optional(),
});
export type DemoSettings = z.infer<typeof demoSettingsSchema>;
