package org.civicpulse.ingestion.kafka;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} in {@code /actuator/health}: UP when the topics are ready (see {@link TopicInitializer})
 * and the cluster answers {@code describeCluster}; DOWN otherwise (the overall status then is DOWN, HTTP 503).
 */
@Component("kafka")
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;
    private final KafkaProperties props;
    private final TopicInitializer topics;

    public KafkaHealthIndicator(Admin admin, KafkaProperties props, TopicInitializer topics) {
        super("Kafka health check failed");
        this.admin = admin;
        this.props = props;
        this.topics = topics;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("bootstrapServers", props.bootstrapServers())
                .withDetail("eventsTopic", props.eventsTopic())
                .withDetail("rejectedTopic", props.rejectedTopic());
        if (!topics.isReady()) {
            builder.down().withDetail("topicsReady", false).withDetail("problem", String.valueOf(topics.lastProblem()));
            return;
        }
        long timeoutMs = Math.min(props.adminTimeout().toMillis(), 3000);
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
                    .nodes().get(timeoutMs + 500, TimeUnit.MILLISECONDS);
            builder.up().withDetail("topicsReady", true).withDetail("brokers", nodes.size());
        } catch (ExecutionException | TimeoutException e) {
            // DOWN without a logged stack trace: the run script polls this while the broker starts
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            builder.down().withDetail("topicsReady", true)
                    .withDetail("problem", "broker not reachable: " + cause.getClass().getSimpleName() + ": "
                            + cause.getMessage());
        }
    }
}
