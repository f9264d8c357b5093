/** A user's first modular application: it reads asyncio4j's HTTP module (and, through it, net and core). */
module example.app {
    requires io.asyncio4j.http;

    // Jackson (the default JsonCodec) binds Greeting by reflection.
    opens example.app to com.fasterxml.jackson.databind;
}
