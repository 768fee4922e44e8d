/** The resource endpoint without a trailing slash, `/openai` or `/openai/v1` (people paste any of them). */
export function resourceEndpoint(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/openai(?:\/v1)?$/, '');
}

/**
 * The URL builder of an Azure resource. With an API version, the classic deployment API: the
 * deployment (the model id) in the path and `api-version` in the query, and `GET /openai/models`
 * for the resource's models. Without one, the v1 API: `/openai/v1/...`, the deployment in the body.
 */
export function azureURLBuilder(endpoint: string, apiVersion: string | undefined): (path: string, modelId: string | undefined) => string {
  if (apiVersion === undefined) return (path) => `${endpoint}/openai/v1${path}`;
  const query = `api-version=${encodeURIComponent(apiVersion)}`;
  return (path, modelId) =>
    modelId === undefined
      ? `${endpoint}/openai${path}?${query}`
      : `${endpoint}/openai/deployments/${encodeURIComponent(modelId)}${path}?${query}`;
}
