/** The typed Hono environment shared by every route. */
import type { TenantContext } from '../core/context.ts';
import type { AppDeps } from './app.ts';

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    /** Set by the API-key middleware on authenticated routes. */
    tenantContext: TenantContext;
  };
}
