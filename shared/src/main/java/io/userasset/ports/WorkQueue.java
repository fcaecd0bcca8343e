package io.userasset.ports;

import java.util.List;

/** The daily job's fan-out (SQS): work items for workers, reductions for the reducer. */
public interface WorkQueue {

    void sendWork(List<String> messages);

    void sendReduce(String message);
}
