package io.vaas.seed;

import io.vaas.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class SeedUsesPostgresIntegrationTests extends SeedUsesContract {

}
