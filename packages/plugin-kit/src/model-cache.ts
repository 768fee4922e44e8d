/** How many model objects one provider keeps; past it the cache starts again (ids come from the config, so rarely). */
const defaultLimit = 256;

/**
 * The model objects of one provider, made once per model id instead of once per request: a chat model is
 * stateless (its client holds the connections), so every request for the same id can share one.
 */
export class ModelCache<Model> {
  private readonly models = new Map<string, Model>();

  constructor(private readonly limit = defaultLimit) {}

  get(modelId: string, create: (modelId: string) => Model): Model {
    let model = this.models.get(modelId);
    if (model === undefined) {
      if (this.models.size >= this.limit) this.models.clear();
      model = create(modelId);
      this.models.set(modelId, model);
    }
    return model;
  }
}
