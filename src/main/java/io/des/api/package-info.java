/**
 * The HTTP edge of DES: one route table ({@link io.des.api.ApiRouter}, declared in
 * {@link io.des.api.DesRoutes}) behind two edges that translate to and from
 * {@link io.des.model.ApiRequest}/{@link io.des.model.ApiResponse}: the Jetty 12 server
 * ({@link io.des.api.ApiServer}, limits in {@link io.des.api.ServerLimits}) and the API Gateway
 * HTTP API Lambda adapter ({@link io.des.api.ApiGatewayLambda}). The tenant is resolved here,
 * once per request ({@link io.des.api.tenant.TenantResolver}); handlers never read credentials.
 * {@link io.des.api.ApiMain} runs the server in AWS.
 */
package io.des.api;
