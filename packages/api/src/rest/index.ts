export { handleMcpRequest } from '../mcp/handler';
export { MCP_TOOL_SCOPES } from '../mcp/tools';
export { collectAnswer } from './ask';
export { type RestError, restErrorFromUnknown } from './errors';
export { handleRestRequest } from './handler';
export { getOpenApiDocument, REST_PREFIX } from './openapi';
