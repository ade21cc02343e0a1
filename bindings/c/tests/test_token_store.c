/* The shared token store against vipps-sim: 16 processes on the built-in file store make one token
   fetch between them (counted at the simulator, GET /sim/v1/tokens), a refused token is dropped
   from the store and replaced once, a host store's callbacks see what the protocol says, and a
   store that fails costs each client its own fetch, never a failed call. */
#include "sim_support.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <dirent.h>

enum { PROCESSES = 16, CALLS = 25 };

static long tokens_issued(void) {
    char body[512];
    if (sim_control("GET", "/sim/v1/tokens", NULL, body, sizeof body) != 0) return -1;
    const char *field = strstr(body, "\"issued\":");
    return field ? strtol(field + 9, NULL, 10) : -1;
}

static vipps_config *file_store_config(const char *directory) {
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_token_file_store(config, directory), VIPPS_OK);
    return config;
}

/* A child: waits for the start signal, then CALLS details calls. Exit 0 when all succeeded. */
static int child_calls(const char *directory, const char *order_id, int start_fd) {
    char go;
    if (read(start_fd, &go, 1) != 1) return 3;
    vipps_client *client = NULL;
    vipps_config *config = file_store_config(directory);
    if (vipps_client_new(config, &client) != VIPPS_OK) return 4;
    vipps_config_free(config);
    int failures = 0;
    for (int i = 0; i < CALLS; i++) {
        vipps_payment *payment = NULL;
        if (vipps_payment_get_details(client, order_id, &payment) != VIPPS_OK) failures++;
        vipps_payment_free(payment);
    }
    vipps_client_free(client);
    return failures == 0 ? 0 : 5;
}

/* Runs `count` children at once against the store in `directory`; returns how many failed. */
static int run_processes(int count, const char *directory, const char *order_id) {
    if (count < 1 || count > PROCESSES) return count;
    int start[2];
    if (pipe(start) != 0) return count;
    pid_t children[PROCESSES];
    for (int i = 0; i < count; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            close(start[1]);
            _exit(child_calls(directory, order_id, start[0]));
        }
    }
    close(start[0]);
    char go[PROCESSES] = {0};
    /* One byte each, all written at once: the children start together, all with a cold store. */
    if (write(start[1], go, (size_t)count) != (ssize_t)count) return count;
    close(start[1]);
    int failed = 0;
    for (int i = 0; i < count; i++) {
        int status = 0;
        if (children[i] < 0 || waitpid(children[i], &status, 0) != children[i] || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            failed++;
        }
    }
    return failed;
}

static void test_arguments(const char *directory) {
    vipps_config *config = NULL;
    CHECK_STATUS(vipps_config_new(&config), VIPPS_OK);
    CHECK_STATUS(vipps_config_set_token_file_store(NULL, directory), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(vipps_config_set_token_store(NULL, NULL, NULL, NULL, NULL, NULL), VIPPS_ERR_INVALID_ARGUMENT);
    char file[600];
    snprintf(file, sizeof file, "%s/not-a-directory", directory);
    int fd = open(file, O_CREAT | O_WRONLY, 0600);
    close(fd);
    CHECK_STATUS(vipps_config_set_token_file_store(config, file), VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "directory");
    CHECK_STATUS(vipps_config_set_token_file_store(config, ""), VIPPS_ERR_INVALID_ARGUMENT);
    unlink(file);
    CHECK_STATUS(vipps_config_set_token_file_store(config, NULL), VIPPS_OK); /* off */
    CHECK_STATUS(vipps_config_set_token_store(config, NULL, NULL, NULL, NULL, NULL), VIPPS_OK); /* off */
    vipps_config_free(config);
}

static void test_file_store_processes(const char *directory, const char *order_id) {
    char shared[600];
    snprintf(shared, sizeof shared, "%s/shared", directory); /* created by the library, 0700 */
    long before = tokens_issued();
    CHECK(before >= 0);
    CHECK(run_processes(PROCESSES, shared, order_id) == 0);
    long fetched = tokens_issued() - before;
    printf("file store: %d processes x %d calls made %ld token fetch(es)\n", PROCESSES, CALLS, fetched);
    CHECK(fetched == 1);

    struct stat info;
    CHECK(stat(shared, &info) == 0 && (info.st_mode & 0777) == 0700);
    DIR *dir = opendir(shared);
    int token_files = 0;
    struct dirent *entry;
    while (dir != NULL && (entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", shared, entry->d_name);
        CHECK(stat(path, &info) == 0 && (info.st_mode & 0777) == 0600);
        /* The file names identify the keys without revealing them. */
        CHECK(strstr(entry->d_name, env("VIPPS_SIM_CLIENT_SECRET")) == NULL);
        CHECK(strstr(entry->d_name, env("VIPPS_SIM_CLIENT_ID")) == NULL);
        size_t length = strlen(entry->d_name);
        if (length > 6 && strcmp(entry->d_name + length - 6, ".token") == 0) token_files++;
    }
    if (dir) closedir(dir);
    CHECK(token_files == 1);

    /* The simulator forgets its tokens, as after Vipps revoked one: each process gets a 401 with the
       stored token, drops it from the store only if no newer one replaced it, and one fetches anew. */
    CHECK(sim_control("POST", "/sim/v1/tokens/revoke", "{}", NULL, 0) == 0);
    before = tokens_issued();
    CHECK(run_processes(PROCESSES, shared, order_id) == 0);
    fetched = tokens_issued() - before;
    printf("file store after revocation: %ld token fetch(es)\n", fetched);
    CHECK(fetched == 1);
}

/* A host store in memory, one process: it records what the library asked of it. */
static struct {
    pthread_mutex_t lock;
    char key[128];
    char token[16384];
    int64_t valid_for;
    int claimed;
    int loads, stores, claims, removes;
    int fail; /* every callback answers VIPPS_TOKEN_STORE_ERROR */
} memory = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int32_t memory_load(void *user_data, const char *key, char *buffer, size_t size, int64_t *valid_for) {
    CHECK(user_data == &memory);
    pthread_mutex_lock(&memory.lock);
    memory.loads++;
    int32_t result = VIPPS_TOKEN_STORE_MISS;
    if (memory.fail) {
        result = VIPPS_TOKEN_STORE_ERROR;
    } else if (memory.token[0] != 0 && strcmp(key, memory.key) == 0 && strlen(memory.token) < size) {
        memcpy(buffer, memory.token, strlen(memory.token) + 1);
        *valid_for = memory.valid_for;
        result = VIPPS_TOKEN_STORE_OK;
    }
    pthread_mutex_unlock(&memory.lock);
    return result;
}

static int32_t memory_store(void *user_data, const char *key, const char *token, int64_t valid_for) {
    (void)user_data;
    pthread_mutex_lock(&memory.lock);
    memory.stores++;
    int32_t result = memory.fail ? VIPPS_TOKEN_STORE_ERROR : VIPPS_TOKEN_STORE_OK;
    if (!memory.fail && strlen(token) < sizeof memory.token && strlen(key) < sizeof memory.key) {
        snprintf(memory.key, sizeof memory.key, "%s", key);
        snprintf(memory.token, sizeof memory.token, "%s", token);
        memory.valid_for = valid_for;
        memory.claimed = 0;
    }
    pthread_mutex_unlock(&memory.lock);
    return result;
}

static int32_t memory_claim(void *user_data, const char *key, int64_t claim_for) {
    (void)user_data;
    (void)key;
    pthread_mutex_lock(&memory.lock);
    memory.claims++;
    CHECK(claim_for > 0);
    int32_t result = memory.fail ? VIPPS_TOKEN_STORE_ERROR
                     : memory.claimed ? VIPPS_TOKEN_STORE_BUSY
                                      : VIPPS_TOKEN_STORE_OK;
    if (result == VIPPS_TOKEN_STORE_OK) memory.claimed = 1;
    pthread_mutex_unlock(&memory.lock);
    return result;
}

static int32_t memory_remove(void *user_data, const char *key, const char *token) {
    (void)user_data;
    pthread_mutex_lock(&memory.lock);
    memory.removes++;
    if (strcmp(key, memory.key) == 0 && strcmp(token, memory.token) == 0) memory.token[0] = 0;
    pthread_mutex_unlock(&memory.lock);
    return VIPPS_TOKEN_STORE_OK;
}

static vipps_client *memory_client(void) {
    vipps_config *config = sim_config();
    CHECK_STATUS(vipps_config_set_token_store(config, memory_load, memory_store, memory_claim, NULL, &memory),
                 VIPPS_ERR_INVALID_ARGUMENT);
    CHECK_STR(vipps_error_field(vipps_error_last()), "remove");
    CHECK_STATUS(vipps_config_set_token_store(config, memory_load, memory_store, memory_claim, memory_remove, &memory),
                 VIPPS_OK);
    return client_from(config);
}

static int details_ok(vipps_client *client, const char *order_id) {
    vipps_payment *payment = NULL;
    vipps_status status = vipps_payment_get_details(client, order_id, &payment);
    vipps_payment_free(payment);
    return status == VIPPS_OK;
}

static void test_host_store(const char *order_id) {
    long before = tokens_issued();
    vipps_client *first = memory_client();
    CHECK(details_ok(first, order_id));
    CHECK(memory.stores == 1 && memory.claims == 1);
    /* Stored for the token's lifetime less the refresh margin (the simulator's is an hour). */
    CHECK(memory.valid_for > 0 && memory.valid_for <= 3600 * 1000);
    size_t key_length = strlen(memory.key);
    CHECK(key_length > 12 && key_length <= 100);
    for (size_t i = 0; i < key_length; i++) {
        char c = memory.key[i];
        CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    }
    /* A second client (another process, as far as the store can tell) uses the stored token. */
    vipps_client *second = memory_client();
    CHECK(details_ok(second, order_id));
    CHECK(tokens_issued() - before == 1);
    CHECK(memory.stores == 1);

    /* Revoked: the stored token is removed once it is refused, and replaced by one fetch. */
    CHECK(sim_control("POST", "/sim/v1/tokens/revoke", "{}", NULL, 0) == 0);
    CHECK(details_ok(first, order_id));
    CHECK(memory.removes == 1);
    CHECK(details_ok(second, order_id));
    CHECK(tokens_issued() - before == 2);
    CHECK(memory.stores == 2);
    vipps_client_free(first);
    vipps_client_free(second);

    /* A store that fails: each client fetches its own token and every call succeeds. */
    memory.fail = 1;
    before = tokens_issued();
    first = memory_client();
    second = memory_client();
    CHECK(details_ok(first, order_id) && details_ok(first, order_id));
    CHECK(details_ok(second, order_id));
    CHECK(tokens_issued() - before == 2);
    vipps_client_free(first);
    vipps_client_free(second);
    memory.fail = 0;
}

int main(void) {
    char directory[] = "/tmp/vipps-token-store-XXXXXX";
    if (mkdtemp(directory) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    vipps_client *client = sim_client();
    char order_id[64];
    reserved_payment(client, order_id, sizeof order_id, "tokenstore", 1000);
    vipps_client_free(client);

    test_arguments(directory);
    test_file_store_processes(directory, order_id);
    test_host_store(order_id);

    char command[700];
    snprintf(command, sizeof command, "rm -rf '%s'", directory);
    CHECK(system(command) == 0);
    return check_summary("test_token_store");
}
