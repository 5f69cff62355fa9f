/**
 * Small helpers several features use (daemon threads, the one JSON mapper for code outside CDI).
 * A leaf: it depends on no other package of the worker.
 */
package com.ytwhisper.worker.shared;
