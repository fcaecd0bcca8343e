package io.userasset.tables;

import java.util.List;
import java.util.Optional;

/**
 * One DynamoDB table as both the CDK app and the local cloud create it.
 *
 * @param logicalName  short stable name; the deployed name is prefixed by the stack
 * @param partitionKey string attribute holding the partition key
 * @param sortKey      string sort-key attribute, if any
 * @param stream       stream view type, if the table has a stream
 * @param ttlAttribute numeric epoch-seconds attribute DynamoDB expires items by, if any
 * @param indexes      global secondary indexes (string keys, projection ALL)
 */
public record TableSpec(String logicalName, String partitionKey, Optional<String> sortKey,
                        Optional<StreamView> stream, Optional<String> ttlAttribute, List<IndexSpec> indexes) {

    public enum StreamView { NEW_AND_OLD_IMAGES, NEW_IMAGE, KEYS_ONLY }

    public record IndexSpec(String name, String partitionKey, Optional<String> sortKey) {}
}
