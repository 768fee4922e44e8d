// Preload for servers that do not let you choose the bind address (Portkey's start-server calls
// `serve({ fetch, port })`, which listens on every interface): a listen() without a host gets 127.0.0.1.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (args[1] === undefined || typeof args[1] === 'function' || args[1] === '::' || args[1] === '0.0.0.0') {
      const callback = typeof args[1] === 'function' ? args[1] : args[2];
      return listen.call(this, Number(args[0]), '127.0.0.1', ...(callback ? [callback] : []));
    }
  } else if (args[0] && typeof args[0] === 'object' && !('path' in args[0]) && !('fd' in args[0])) {
    if (!args[0].host || args[0].host === '::' || args[0].host === '0.0.0.0') args[0] = { ...args[0], host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
