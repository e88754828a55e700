<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("viewgateEmailNewRequestIntro", requesterName, requesterEmail)}</p>
<p><strong>${msg("viewgateDesiredTier")}:</strong> <#if desiredTier?has_content>${desiredTier}<#else>${msg("viewgateNoPreference")}</#if></p>
<#if message?has_content>
<p style="white-space: pre-wrap">${message}</p>
</#if>
<p><a href="${queueUrl}">${msg("viewgateEmailOpenQueue")}</a></p>
</@layout.emailLayout>
