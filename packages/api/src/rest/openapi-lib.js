// Re-export seam: see openapi-lib.d.ts for why the types are declared locally.
export { createOpenApiNodeHttpHandler, generateOpenApiDocument } from 'trpc-to-openapi';
