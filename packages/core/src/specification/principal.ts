/** Who is calling, and what they may use. `undefined` scope lists mean "no restriction". */
export interface Principal {
  id: string;
  kind: 'master' | 'key' | 'user' | 'service';
  role: 'admin' | 'member' | 'viewer';
  teamId?: string;
  orgId?: string;
  userId?: string;
  scopes: {
    models?: readonly string[];
    mcpServers?: readonly string[];
    mcpTools?: readonly string[];
    agents?: readonly string[];
    endpoints?: readonly string[];
  };
  metadata?: Record<string, unknown>;
}
