package io.jfrp.client.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.web.ApiError;
import io.jfrp.web.Json;
import io.jfrp.web.JsonApi;
import io.jfrp.web.Router;
import io.jfrp.web.WebRequest;
import io.jfrp.web.WebResponse;

import java.io.IOException;

/**
 * frpc's admin API (OPERATIONS.md section 4) on the embedded web server, with frp's paths, JSON and
 * status codes: {@code /api/reload}, {@code /api/stop}, {@code /api/status}, {@code /api/config}
 * (GET and PUT), {@code /api/proxy/{name}/config}, {@code /api/visitor/{name}/config}, and with
 * {@code store.path} the store routes {@code /api/store/proxies[/{name}]} and
 * {@code /api/store/visitors[/{name}]}. Every route is behind the basic auth but {@code /healthz},
 * which the web server adds. Errors are frp's {@code {"Code":…,"Msg":…}}. jfrp adds one field to
 * {@code /api/status}: {@code servers}, each server connection's state (docs/multi-server.md).
 */
final class AdminApi {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ClientService service;

    AdminApi(ClientService service) {
        this.service = service;
    }

    void register(Router router) {
        router.get("/api/reload", JsonApi.plain(r -> {
            run(service::reload);
            return null;
        }));
        router.post("/api/stop", r -> WebResponse.ok().thenRun(service::stop));
        router.get("/api/status", JsonApi.plain(r -> StatusView.withServers(
                StatusView.of(service.statuses(), service.serverAddr()), service.serverStatuses())));
        router.get("/api/config", JsonApi.plain(r -> call(service::readConfigFile)));
        router.put("/api/config", JsonApi.plain(r -> {
            byte[] body = r.body();
            run(() -> service.writeConfigFile(body));
            return null;
        }));
        router.get("/api/proxy/{name}/config", JsonApi.plain(r -> {
            String name = r.pathParam("name");
            return Definitions.of(service.proxyConfig(name).orElseThrow(() ->
                    ApiError.notFound("proxy \"" + name + "\" not found")));
        }));
        router.get("/api/visitor/{name}/config", JsonApi.plain(r -> {
            String name = r.pathParam("name");
            return Definitions.of(service.visitorConfig(name).orElseThrow(() ->
                    ApiError.notFound("visitor \"" + name + "\" not found")));
        }));
        if (service.storeEnabled()) {
            registerStore(router);
        }
    }

    private void registerStore(Router router) {
        router.get("/api/store/proxies", JsonApi.plain(r -> {
            ObjectNode o = F.objectNode();
            ArrayNode a = o.putArray("proxies");
            call(() -> service.store().storedProxies()).forEach(p -> a.add(p.definition()));
            return o;
        }));
        router.post("/api/store/proxies", JsonApi.plain(r -> {
            Definitions.StoredProxy p = call(() -> Definitions.proxy(body(r), null));
            call(() -> service.changeStore(s -> {
                s.add(p);
                return null;
            }));
            return p.definition();
        }));
        router.get("/api/store/proxies/{name}", JsonApi.plain(r -> call(() -> service.store()
                .storedProxy(r.pathParam("name")).orElseThrow(() -> notFound("proxy", r.pathParam("name"))))
                .definition()));
        router.put("/api/store/proxies/{name}", JsonApi.plain(r -> {
            Definitions.StoredProxy p = call(() -> Definitions.proxy(body(r), r.pathParam("name")));
            call(() -> service.changeStore(s -> {
                s.replace(p);
                return null;
            }));
            return p.definition();
        }));
        router.delete("/api/store/proxies/{name}", JsonApi.plain(r -> {
            call(() -> service.changeStore(s -> {
                s.removeProxy(r.pathParam("name"));
                return null;
            }));
            return null;
        }));
        router.get("/api/store/visitors", JsonApi.plain(r -> {
            ObjectNode o = F.objectNode();
            ArrayNode a = o.putArray("visitors");
            call(() -> service.store().visitors()).forEach(v -> a.add(Definitions.of(v)));
            return o;
        }));
        router.post("/api/store/visitors", JsonApi.plain(r -> {
            VisitorConfig v = call(() -> Definitions.visitor(body(r), null));
            call(() -> service.changeStore(s -> {
                s.add(v);
                return null;
            }));
            return Definitions.of(v);
        }));
        router.get("/api/store/visitors/{name}", JsonApi.plain(r -> Definitions.of(call(() -> service.store()
                .visitor(r.pathParam("name")).orElseThrow(() -> notFound("visitor", r.pathParam("name")))))));
        router.put("/api/store/visitors/{name}", JsonApi.plain(r -> {
            VisitorConfig v = call(() -> Definitions.visitor(body(r), r.pathParam("name")));
            call(() -> service.changeStore(s -> {
                s.replace(v);
                return null;
            }));
            return Definitions.of(v);
        }));
        router.delete("/api/store/visitors/{name}", JsonApi.plain(r -> {
            call(() -> service.changeStore(s -> {
                s.removeVisitor(r.pathParam("name"));
                return null;
            }));
            return null;
        }));
    }

    private static StoreException notFound(String kind, String name) {
        return new StoreException(StoreException.Kind.NOT_FOUND, kind + " \"" + name + "\"");
    }

    /** The request's JSON body; 400 with the parser's words when it is none. */
    private static JsonNode body(WebRequest r) throws StoreException {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.INVALID, "parse JSON error: " + e.getMessage());
        }
    }

    /** Something that may fail with a {@link StoreException} or an I/O error. */
    @FunctionalInterface
    private interface Call<T> {
        T get() throws StoreException, IOException;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws StoreException, IOException;
    }

    /** Runs {@code c}; its store error becomes the API error of its status and text. */
    private static <T> T call(Call<T> c) throws ApiError, IOException {
        try {
            return c.get();
        } catch (StoreException e) {
            throw new ApiError(e.status(), e.getMessage());
        }
    }

    private static void run(Action a) throws ApiError, IOException {
        call(() -> {
            a.run();
            return null;
        });
    }
}
