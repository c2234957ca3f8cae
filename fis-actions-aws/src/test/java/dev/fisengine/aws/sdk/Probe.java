package dev.fisengine.aws.sdk;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One operation of each service the loopback server answers, callable through a real sync or async SDK client. SQS
 * is not here: its tests use ElasticMQ.
 */
enum Probe {
    DYNAMODB("dynamodb", "GetItem") {
        @Override
        SdkClient sync(SdkFixture f) {
            return f.build(DynamoDbClient.builder());
        }

        @Override
        void call(SdkClient c) {
            ((DynamoDbClient) c).getItem(b -> b.tableName("t").key(Map.of("id", AttributeValue.fromS("1"))));
        }

        @Override
        SdkClient async(SdkFixture f) {
            return f.build(DynamoDbAsyncClient.builder());
        }

        @Override
        CompletableFuture<?> callAsync(SdkClient c) {
            return ((DynamoDbAsyncClient) c).getItem(b -> b.tableName("t").key(Map.of("id", AttributeValue.fromS("1"))));
        }
    },
    KINESIS("kinesis", "PutRecord") {
        @Override
        SdkClient sync(SdkFixture f) {
            return f.build(KinesisClient.builder());
        }

        @Override
        void call(SdkClient c) {
            ((KinesisClient) c).putRecord(b -> b.streamName("s").partitionKey("p").data(SdkBytes.fromUtf8String("x")));
        }

        @Override
        SdkClient async(SdkFixture f) {
            return f.build(KinesisAsyncClient.builder());
        }

        @Override
        CompletableFuture<?> callAsync(SdkClient c) {
            return ((KinesisAsyncClient) c).putRecord(b -> b.streamName("s").partitionKey("p")
                    .data(SdkBytes.fromUtf8String("x")));
        }
    },
    S3("s3", "GetObject") {
        @Override
        SdkClient sync(SdkFixture f) {
            return f.build(S3Client.builder().forcePathStyle(true));
        }

        @Override
        void call(SdkClient c) {
            ((S3Client) c).getObject(b -> b.bucket("bucket").key("key"), ResponseTransformer.toBytes());
        }

        @Override
        SdkClient async(SdkFixture f) {
            return f.build(S3AsyncClient.builder().forcePathStyle(true));
        }

        @Override
        CompletableFuture<?> callAsync(SdkClient c) {
            return ((S3AsyncClient) c).getObject(b -> b.bucket("bucket").key("key"), AsyncResponseTransformer.toBytes());
        }
    },
    EC2("ec2", "DescribeInstances") {
        @Override
        SdkClient sync(SdkFixture f) {
            return f.build(Ec2Client.builder());
        }

        @Override
        void call(SdkClient c) {
            ((Ec2Client) c).describeInstances();
        }

        @Override
        SdkClient async(SdkFixture f) {
            return f.build(Ec2AsyncClient.builder());
        }

        @Override
        CompletableFuture<?> callAsync(SdkClient c) {
            return ((Ec2AsyncClient) c).describeInstances();
        }
    },
    LAMBDA("lambda", "Invoke") {
        @Override
        SdkClient sync(SdkFixture f) {
            return f.build(LambdaClient.builder());
        }

        @Override
        void call(SdkClient c) {
            ((LambdaClient) c).invoke(b -> b.functionName("fn").payload(SdkBytes.fromUtf8String("{}")));
        }

        @Override
        SdkClient async(SdkFixture f) {
            return f.build(LambdaAsyncClient.builder());
        }

        @Override
        CompletableFuture<?> callAsync(SdkClient c) {
            return ((LambdaAsyncClient) c).invoke(b -> b.functionName("fn").payload(SdkBytes.fromUtf8String("{}")));
        }
    },
    SNS("sns", "Publish") {
        @Override
        SdkClient sync(SdkFixture f) {
            return f.build(SnsClient.builder());
        }

        @Override
        void call(SdkClient c) {
            ((SnsClient) c).publish(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:t").message("m"));
        }

        @Override
        SdkClient async(SdkFixture f) {
            return f.build(SnsAsyncClient.builder());
        }

        @Override
        CompletableFuture<?> callAsync(SdkClient c) {
            return ((SnsAsyncClient) c).publish(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:t").message("m"));
        }
    },
    STS("sts", "GetCallerIdentity") {
        @Override
        SdkClient sync(SdkFixture f) {
            return f.build(StsClient.builder());
        }

        @Override
        void call(SdkClient c) {
            ((StsClient) c).getCallerIdentity();
        }

        @Override
        SdkClient async(SdkFixture f) {
            return f.build(StsAsyncClient.builder());
        }

        @Override
        CompletableFuture<?> callAsync(SdkClient c) {
            return ((StsAsyncClient) c).getCallerIdentity();
        }
    },
    CLOUDWATCH("cloudwatch", "ListMetrics") {
        @Override
        SdkClient sync(SdkFixture f) {
            return f.build(CloudWatchClient.builder());
        }

        @Override
        void call(SdkClient c) {
            ((CloudWatchClient) c).listMetrics();
        }

        @Override
        SdkClient async(SdkFixture f) {
            return f.build(CloudWatchAsyncClient.builder());
        }

        @Override
        CompletableFuture<?> callAsync(SdkClient c) {
            return ((CloudWatchAsyncClient) c).listMetrics();
        }
    };

    final String service;
    final String operation;

    Probe(String service, String operation) {
        this.service = service;
        this.operation = operation;
    }

    abstract SdkClient sync(SdkFixture f);

    abstract void call(SdkClient client);

    abstract SdkClient async(SdkFixture f);

    abstract CompletableFuture<?> callAsync(SdkClient client);

    /** Calls through an async client and waits, unwrapping the future's exception as the caller would see it. */
    void callAsyncAndWait(SdkClient client) {
        try {
            callAsync(client).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
