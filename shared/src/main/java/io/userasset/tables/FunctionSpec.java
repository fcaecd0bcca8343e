package io.userasset.tables;

import java.time.Duration;

/**
 * One Lambda function of the deployable jar.
 *
 * @param logicalName short stable name
 * @param handler     the handler class (RequestHandler implementation) inside function.jar
 * @param memoryMb    memory size; CPU share grows with it
 * @param timeout     function timeout
 */
public record FunctionSpec(String logicalName, String handler, int memoryMb, Duration timeout) {}
