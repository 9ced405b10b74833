/**
 * Types of `openapi-lib.js`, the part of trpc-to-openapi this package uses. The package's own
 * declarations import `next`, whose global types make `process.env.NODE_ENV` a required property
 * and break type checking of server code that builds environments by hand; re-exporting through
 * a .js file with these declarations keeps `next` out of this package's type graph.
 */
import type { AnyTRPCRouter } from '@trpc/server';

export type OpenApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type OpenApiMeta = {
  openapi?: {
    enabled?: boolean;
    method: OpenApiMethod;
    path: `/${string}`;
    summary?: string;
    description?: string;
    protect?: boolean;
    tags?: string[];
    operationId?: string;
    deprecated?: boolean;
    successDescription?: string;
    errorResponses?: number[] | Record<number, string>;
  };
};

export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  servers?: { url: string }[];
  paths?: Record<string, unknown>;
  components?: Record<string, unknown>;
  [key: string]: unknown;
};

export function generateOpenApiDocument(
  router: AnyTRPCRouter,
  opts: {
    title: string;
    description?: string;
    version: string;
    baseUrl: string;
    docsUrl?: string;
    tags?: string[];
    securitySchemes?: Record<string, unknown>;
  },
): OpenApiDocument;

export function createOpenApiNodeHttpHandler(opts: {
  router: AnyTRPCRouter;
  createContext?: (opts: { req: never; res: never; info: unknown }) => unknown;
  maxBodySize?: number;
  onError?: (opts: { error: unknown }) => void;
}): (req: unknown, res: unknown) => Promise<void>;
