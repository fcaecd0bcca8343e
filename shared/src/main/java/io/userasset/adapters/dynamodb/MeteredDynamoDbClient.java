package io.userasset.adapters.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;

/**
 * A DynamoDB client that asks for consumed capacity on every call and adds it to a
 * {@link CapacityMeter}: the figures behind the capacity metrics, the benchmark and the local
 * run's cost projection. Every other call goes to the wrapped client unchanged.
 */
public final class MeteredDynamoDbClient implements DynamoDbClient {
    private final DynamoDbClient delegate;
    private final CapacityMeter meter;

    public MeteredDynamoDbClient(DynamoDbClient delegate, CapacityMeter meter) {
        this.delegate = delegate;
        this.meter = meter;
    }

    @Override
    public GetItemResponse getItem(GetItemRequest r) {
        GetItemResponse out = delegate.getItem(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("GetItem", out.consumedCapacity());
        return out;
    }

    @Override
    public PutItemResponse putItem(PutItemRequest r) {
        PutItemResponse out = delegate.putItem(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("PutItem", out.consumedCapacity());
        return out;
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest r) {
        UpdateItemResponse out = delegate.updateItem(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("UpdateItem", out.consumedCapacity());
        return out;
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest r) {
        DeleteItemResponse out = delegate.deleteItem(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("DeleteItem", out.consumedCapacity());
        return out;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
        BatchGetItemResponse out = delegate.batchGetItem(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("BatchGetItem", out.consumedCapacity());
        return out;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest r) {
        BatchWriteItemResponse out = delegate.batchWriteItem(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("BatchWriteItem", out.consumedCapacity());
        return out;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest r) {
        TransactWriteItemsResponse out = delegate.transactWriteItems(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("TransactWriteItems", out.consumedCapacity());
        return out;
    }

    @Override
    public QueryResponse query(QueryRequest r) {
        QueryResponse out = delegate.query(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("Query", out.consumedCapacity());
        return out;
    }

    @Override
    public ScanResponse scan(ScanRequest r) {
        ScanResponse out = delegate.scan(r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        record("Scan", out.consumedCapacity());
        return out;
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest r) {
        return delegate.describeTable(r);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private void record(String operation, ConsumedCapacity c) {
        meter.request(operation);
        if (c != null) meter.consumed(operation, c.tableName(), c.readCapacityUnits(), c.writeCapacityUnits(), c.capacityUnits());
    }

    private void record(String operation, List<ConsumedCapacity> list) {
        meter.request(operation);
        if (list == null) return;
        for (ConsumedCapacity c : list) meter.consumed(operation, c.tableName(), null, null, c.capacityUnits());
    }
}
