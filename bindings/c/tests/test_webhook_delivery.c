/* Webhooks and Userinfo end to end against vipps-sim: the shop registers a receiver on loopback,
   makes an ePayment payment, receives the signed webhooks over HTTP and verifies them; tampered
   copies are refused with the right reason. Then the payment's sub gives the Userinfo claims. */
#include "sim_support.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>

#define MAX_HEADERS 32

struct request {
    char method[16];
    char target[512];
    int header_count;
    char names[MAX_HEADERS][64];
    char values[MAX_HEADERS][512];
    char body[8192];
    size_t body_length;
};

static int listen_loopback(int *port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 8) != 0) return -1;
    getsockname(fd, (struct sockaddr *)&address, &length);
    *port = ntohs(address.sin_port);
    return fd;
}

/* Accepts one request (within 10 s), answers 200 and fills `out`. Returns 0 on success. */
static int receive_one(int listener, struct request *out) {
    struct pollfd wait_for = {listener, POLLIN, 0};
    if (poll(&wait_for, 1, 10000) != 1) return -1;
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) return -1;
    char buffer[16384];
    size_t used = 0;
    char *end = NULL;
    while (end == NULL && used < sizeof buffer - 1) {
        ssize_t n = recv(fd, buffer + used, sizeof buffer - 1 - used, 0);
        if (n <= 0) break;
        used += (size_t)n;
        buffer[used] = 0;
        end = strstr(buffer, "\r\n\r\n");
    }
    if (end == NULL) { close(fd); return -1; }
    *end = 0;
    memset(out, 0, sizeof *out);
    char *line = strtok(buffer, "\r\n");
    if (line == NULL || sscanf(line, "%15s %511s", out->method, out->target) != 2) { close(fd); return -1; }
    size_t content_length = 0;
    while ((line = strtok(NULL, "\r\n")) != NULL && out->header_count < MAX_HEADERS) {
        char *colon = strchr(line, ':');
        if (colon == NULL) continue;
        *colon = 0;
        char *value = colon + 1;
        while (*value == ' ') value++;
        snprintf(out->names[out->header_count], 64, "%s", line);
        snprintf(out->values[out->header_count], 512, "%s", value);
        if (strcasecmp(line, "Content-Length") == 0) content_length = (size_t)strtoul(value, NULL, 10);
        out->header_count++;
    }
    size_t have = used - (size_t)(end + 4 - buffer);
    if (content_length >= sizeof out->body) { close(fd); return -1; }
    memcpy(out->body, end + 4, have < content_length ? have : content_length);
    while (have < content_length) {
        ssize_t n = recv(fd, out->body + have, content_length - have, 0);
        if (n <= 0) break;
        have += (size_t)n;
    }
    out->body_length = have;
    const char *answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    send(fd, answer, strlen(answer), MSG_NOSIGNAL);
    close(fd);
    return have == content_length ? 0 : -1;
}

static vipps_webhook_refusal verify(const struct request *request, const char *url, const char *secret) {
    const char *names[MAX_HEADERS];
    const char *values[MAX_HEADERS];
    for (int i = 0; i < request->header_count; i++) {
        names[i] = request->names[i];
        values[i] = request->values[i];
    }
    const char *secrets[] = {secret};
    vipps_webhook_refusal refusal = -1;
    vipps_webhook_verify(request->method, url, names, values, (size_t)request->header_count, request->body,
                         request->body_length, secrets, 1, -1, &refusal);
    return refusal;
}

static void set_header(struct request *request, const char *name, const char *value) {
    for (int i = 0; i < request->header_count; i++) {
        if (strcasecmp(request->names[i], name) == 0) snprintf(request->values[i], 512, "%s", value);
    }
}

static void webhooks_from_the_simulator(void) {
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_payment_api(config, VIPPS_PAYMENT_API_EPAYMENT), VIPPS_OK);
    vipps_client *client = client_from(config);
    int port = 0;
    int listener = listen_loopback(&port);
    CHECK(listener >= 0);
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/hooks/vipps?shop=c", port);
    const char *events[] = {"epayments.payment.created.v1", "epayments.payment.authorized.v1"};
    char *id = NULL, *secret = NULL;
    CHECK_STATUS(vipps_webhook_register(client, url, events, 2, &id, &secret), VIPPS_OK);
    CHECK(id != NULL && strlen(id) == 36);
    CHECK(secret != NULL && strlen(secret) >= 32);

    vipps_webhook_list *list = NULL;
    CHECK_STATUS(vipps_webhook_get_list(client, &list), VIPPS_OK);
    int found = 0;
    for (size_t i = 0; i < vipps_webhook_list_count(list); i++) {
        if (strcmp(vipps_webhook_list_id(list, i), id) != 0) continue;
        found = 1;
        CHECK_STR(vipps_webhook_list_url(list, i), url);
        CHECK(vipps_webhook_list_event_count(list, i) == 2);
        CHECK_STR(vipps_webhook_list_event(list, i, 1), "epayments.payment.authorized.v1");
        CHECK(vipps_webhook_list_event(list, i, 2) == NULL);
    }
    CHECK(found);
    vipps_webhook_list_free(list);

    char reference[64];
    unique_order_id(reference, sizeof reference, "webhook");
    vipps_initiation *initiation = initiate_payment(client, reference, 2500);
    const char *token = vipps_initiation_token(initiation);
    CHECK_STATUS(vipps_payment_force_approve(client, reference, "91234567", token ? token : ""), VIPPS_OK);
    vipps_initiation_free(initiation);

    const char *expected[] = {"CREATED", "AUTHORIZED"};
    for (int n = 0; n < 2; n++) {
        struct request request;
        CHECK(receive_one(listener, &request) == 0);
        CHECK_STR(request.target, "/hooks/vipps?shop=c");
        CHECK(verify(&request, url, secret) == VIPPS_WEBHOOK_VERIFIED);
        vipps_webhook_event *event = NULL;
        CHECK_STATUS(vipps_webhook_event_parse(request.body, request.body_length, &event), VIPPS_OK);
        CHECK_STR(vipps_webhook_event_name(event), expected[n]);
        CHECK_STR(vipps_webhook_event_reference(event), reference);
        CHECK(vipps_webhook_event_amount(event) == 2500);
        CHECK_STR(vipps_webhook_event_currency(event), "NOK");
        CHECK(vipps_webhook_event_success(event) == 1);
        vipps_webhook_event_free(event);

        /* Tampered copies. */
        CHECK(verify(&request, url, "not-the-secret") == VIPPS_WEBHOOK_SIGNATURE_MISMATCH);
        char other_url[160];
        snprintf(other_url, sizeof other_url, "http://127.0.0.1:%d/hooks/other?shop=c", port);
        CHECK(verify(&request, other_url, secret) == VIPPS_WEBHOOK_SIGNATURE_MISMATCH);
        struct request changed = request;
        changed.body[changed.body_length - 2] ^= 1;
        CHECK(verify(&changed, url, secret) == VIPPS_WEBHOOK_CONTENT_HASH_MISMATCH);
        changed = request;
        set_header(&changed, "x-ms-date", "Thu, 30 Mar 2023 08:38:32 GMT");
        CHECK(verify(&changed, url, secret) == VIPPS_WEBHOOK_SIGNATURE_MISMATCH);
    }
    close(listener);
    CHECK_STATUS(vipps_webhook_delete(client, id), VIPPS_OK);
    CHECK_STATUS(vipps_webhook_delete(client, id), VIPPS_ERR_NOT_FOUND);
    /* The secret never reaches an error message. */
    CHECK(strstr(vipps_error_message(vipps_error_last()), secret) == NULL);
    vipps_string_free(id);
    vipps_string_free(secret);
    vipps_client_free(client);
}

static void userinfo_of_a_payment(vipps_payment_api api) {
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_payment_api(config, api), VIPPS_OK);
    vipps_client *client = client_from(config);
    char reference[64];
    unique_order_id(reference, sizeof reference, "userinfo");
    vipps_initiate_params *params = NULL;
    vipps_initiate_params_new(&params);
    vipps_initiate_params_set_order_id(params, reference);
    vipps_initiate_params_set_amount(params, 1000);
    vipps_initiate_params_set_transaction_text(params, "With profile");
    vipps_initiate_params_set_callback_prefix(params, "https://shop.example/vipps");
    vipps_initiate_params_set_fallback_url(params, "https://shop.example/done");
    vipps_initiate_params_set_phone_number(params, "91234567");
    CHECK_STATUS(vipps_initiate_params_set_scope(params, "name email phoneNumber address birthDate"), VIPPS_OK);
    vipps_initiation *initiation = NULL;
    CHECK_STATUS(vipps_payment_initiate(client, params, &initiation), VIPPS_OK);
    vipps_initiate_params_free(params);
    const char *token = vipps_initiation_token(initiation);
    CHECK_STATUS(vipps_payment_force_approve(client, reference, "91234567", token ? token : ""), VIPPS_OK);
    vipps_initiation_free(initiation);

    vipps_payment *payment = NULL;
    CHECK_STATUS(vipps_payment_get_details(client, reference, &payment), VIPPS_OK);
    const char *sub = vipps_payment_sub(payment);
    CHECK(sub != NULL && strlen(sub) == 36);
    vipps_userinfo *info = NULL;
    CHECK_STATUS(vipps_userinfo_get(client, sub ? sub : "none", &info), VIPPS_OK);
    CHECK_STR(vipps_userinfo_sub(info), sub);
    CHECK_STR(vipps_userinfo_phone_number(info), "4791234567");
    CHECK(vipps_userinfo_name(info) != NULL && vipps_userinfo_given_name(info) != NULL);
    CHECK(vipps_userinfo_email(info) != NULL && vipps_userinfo_email_verified(info) >= 0);
    CHECK(vipps_userinfo_birthdate(info) != NULL && strlen(vipps_userinfo_birthdate(info)) == 10);
    CHECK(vipps_userinfo_street_address(info) != NULL && vipps_userinfo_country(info) != NULL);
    CHECK(vipps_userinfo_nin(info) == NULL); /* not in the scope */
    CHECK(vipps_userinfo_json(info) != NULL && strstr(vipps_userinfo_json(info), "\"sub\"") != NULL);
    vipps_userinfo_free(info);
    vipps_payment_free(payment);
    info = (vipps_userinfo *)1;
    CHECK_STATUS(vipps_userinfo_get(client, "00000000-0000-4000-8000-000000000000", &info), VIPPS_ERR_NOT_FOUND);
    CHECK(info == NULL);
    vipps_client_free(client);
}

int main(void) {
    webhooks_from_the_simulator();
    userinfo_of_a_payment(VIPPS_PAYMENT_API_EPAYMENT);
    userinfo_of_a_payment(VIPPS_PAYMENT_API_ECOM);
    return check_summary("test_webhook_delivery");
}
