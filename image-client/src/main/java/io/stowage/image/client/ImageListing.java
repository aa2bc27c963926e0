package io.stowage.image.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.StoreException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The images of a listing, page by page: the first page is {@code GET /v2/images?limit=N}, each
 * next one the {@code next} link of the page before, each asked with failover (any server serves
 * any page: the link holds the marker). A page is fetched when the images before it were taken.
 * A failure surfaces from {@link #hasNext()} as an {@link UncheckedIOException} holding the
 * {@link StoreException}.
 */
final class ImageListing implements Iterator<Image> {
    /** Fetches the page at a request path and query. */
    @FunctionalInterface
    interface PageFetcher {
        ObjectNode fetch(String pathAndQuery) throws StoreException;
    }

    private final PageFetcher pages;
    private final Deque<Image> taken = new ArrayDeque<>();
    private Optional<String> next;
    private int pagesRead;

    ImageListing(PageFetcher pages, int pageSize) {
        this.pages = requireNonNull(pages, "pages is null");
        if (pageSize < 1) {
            throw new IllegalArgumentException("A page holds at least one image: " + pageSize);
        }
        this.next = Optional.of("/v2/images?limit=" + pageSize);
    }

    @Override
    public boolean hasNext() {
        while (taken.isEmpty() && next.isPresent()) {
            fetch(next.get());
        }
        return !taken.isEmpty();
    }

    @Override
    public Image next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more images");
        }
        return taken.removeFirst();
    }

    /** Pages fetched so far. */
    int pagesRead() {
        return pagesRead;
    }

    private void fetch(String pathAndQuery) {
        ObjectNode page;
        try {
            page = pages.fetch(pathAndQuery);
        } catch (StoreException e) {
            throw new UncheckedIOException(e);
        }
        pagesRead++;
        JsonNode link = page.path("next");
        Optional<String> following = link.isTextual() && link.textValue().startsWith("/v2/images?")
                ? Optional.of(link.textValue())
                : Optional.empty();
        JsonNode images = page.path("images");
        if (!images.isArray()) {
            throw new UncheckedIOException(new StoreException("The image list page " + pathAndQuery + " has no images"));
        }
        try {
            for (JsonNode image : images) {
                taken.add(Documents.image(image, "the image list page " + pathAndQuery));
            }
        } catch (StoreException e) {
            throw new UncheckedIOException(e);
        }
        if (following.equals(next)) {
            throw new UncheckedIOException(new StoreException("The image list page " + pathAndQuery + " links to itself"));
        }
        next = following;
    }
}
