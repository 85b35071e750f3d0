/**
 * Configuration, parsed once at the entry point from an environment record and passed down.
 * Nothing else in the product reads `process.env`.
 */
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

export const configSchema = z.object({
  DATABASE_URL: optionalText,
  KIUNGO_DATA_DIR: optionalText,
  KIUNGO_MASTER_KEY: optionalText,
  /** Older vault keys, comma-separated, still accepted for opening (key rotation). */
  KIUNGO_PREVIOUS_KEYS: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PUBLIC_URL: optionalText,
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalText,
  KIUNGO_MODEL: optionalText,
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  TELEGRAM_API_ROOT: optionalText,
  WHATSAPP_ACCESS_TOKEN: optionalText,
  WHATSAPP_PHONE_NUMBER_ID: optionalText,
  WHATSAPP_APP_SECRET: optionalText,
  WHATSAPP_VERIFY_TOKEN: optionalText,
  WHATSAPP_GRAPH_URL: optionalText,
  WHATSAPP_WEB: optionalText,
  KIUNGO_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
});

export type Config = z.output<typeof configSchema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return result.data;
}
